# A real Rails ActionCable server (Debian's ruby-actioncable 6.1, protocol actioncable-v1-json)
# with a Chatwoot-like RoomChannel, for tests/test_cable_rails.py. Run it with
#   puma -b tcp://127.0.0.1:PORT tests/rails_cable/config.ru
# Known pubsub tokens come from CABLE_TOKENS (comma separated). The /broadcast, /restart,
# /disconnect_unauthorized and /stats endpoints exist for the tests only.
require "json"
require "logger"
require "action_cable"

KNOWN_TOKENS = ENV.fetch("CABLE_TOKENS", "token-1,token-2").split(",").freeze
STATS = { "update_presence" => 0 }
STATS_LOCK = Mutex.new

class Connection < ActionCable::Connection::Base
  # Like Chatwoot's ApplicationCable::Connection: no connection-level auth.
end

class RoomChannel < ActionCable::Channel::Base
  def subscribed
    token = params[:pubsub_token].to_s
    return reject if token.empty? || !KNOWN_TOKENS.include?(token)

    # (Chatwoot also broadcasts presence here; left out so each presence.update the tests see
    # answers an update_presence the client sent.)
    stream_from token
  end

  def update_presence
    STATS_LOCK.synchronize { STATS["update_presence"] += 1 }
    users = params[:user_id] ? { params[:user_id].to_s => "online" } : {}
    ActionCable.server.broadcast(
      params[:pubsub_token],
      { event: "presence.update",
        data: { account_id: params[:account_id], users: users, contacts: {} } }
    )
  end
end

config = ActionCable.server.config
config.cable = { "adapter" => "async" }
config.connection_class = -> { Connection }
config.disable_request_forgery_protection = true
config.logger = Logger.new($stderr, level: ENV.fetch("CABLE_LOG_LEVEL", "warn"))

# Test-only endpoints. (config.ru is instance_eval'd per `map` block, so helpers live in a module.)
module Control
  module_function

  def reply(body, status = 200)
    [status, { "content-type" => "application/json" }, [JSON.generate(body)]]
  end

  def post(&action)
    lambda do |env|
      next reply({ error: "POST only" }, 405) unless env["REQUEST_METHOD"] == "POST"

      reply(action.call(env))
    end
  end
end

map("/cable") { run ActionCable.server }

map("/broadcast") do
  run(Control.post do |env|
    body = JSON.parse(env["rack.input"].read)
    ActionCable.server.broadcast(body.fetch("stream"), body.fetch("message"))
    { ok: true }
  end)
end

# Every connection gets {"type":"disconnect","reason":"server_restart","reconnect":true}.
map("/restart") { run(Control.post { ActionCable.server.restart; { ok: true } }) }

map("/disconnect_unauthorized") do
  run(Control.post do
    connections = ActionCable.server.connections.dup
    connections.each { |c| c.close(reason: "unauthorized", reconnect: false) }
    { closed: connections.size }
  end)
end

map("/stats") do
  run(lambda do |_env|
    stats = STATS_LOCK.synchronize { STATS.dup }
    Control.reply(stats.merge("connections" => ActionCable.server.connections.size))
  end)
end
