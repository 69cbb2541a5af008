// The official ActionCable consumer (@rails/actioncable) as a peer of the demo server.
//
// Usage: node cable_client.js <ws://host:port/cable> <pubsub_token> <account_id> <user_id>
// Prints one JSON object per line on stdout:
//   {"type":"connected","reconnected":false}     when RoomChannel confirmed the subscription
//   {"type":"received","data":{event,data}}      for every event of the subscription
//   {"type":"disconnected","willAttemptReconnect":true}
// and exits when stdin closes, so it never outlives the test that started it.
"use strict";

const WebSocket = require("ws");

// Node 20 has no global WebSocket, and ActionCable's connection monitor listens for the
// browser's "visibilitychange" on the global object: give it both before loading it.
globalThis.WebSocket = WebSocket;
if (typeof globalThis.addEventListener !== "function") {
  globalThis.addEventListener = () => {};
}
if (typeof globalThis.removeEventListener !== "function") {
  globalThis.removeEventListener = () => {};
}

const ActionCable = require("@rails/actioncable");

ActionCable.adapters.WebSocket = WebSocket;

function emit(line) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

const [url, pubsubToken, accountId, userId] = process.argv.slice(2);
if (!url || !/^wss?:\/\//.test(url) || !pubsubToken) {
  process.stderr.write("usage: cable_client.js <ws://…/cable> <pubsub_token> <account_id> <user_id>\n");
  process.exit(2);
}

const consumer = ActionCable.createConsumer(url);
consumer.subscriptions.create(
  {
    channel: "RoomChannel",
    pubsub_token: pubsubToken,
    account_id: Number(accountId),
    user_id: Number(userId),
  },
  {
    connected(details) {
      emit({ type: "connected", reconnected: Boolean(details && details.reconnected) });
    },
    disconnected(details) {
      emit({ type: "disconnected", willAttemptReconnect: Boolean(details && details.willAttemptReconnect) });
    },
    rejected() {
      emit({ type: "rejected" });
    },
    received(data) {
      emit({ type: "received", data });
    },
  },
);

process.stdin.resume();
process.stdin.on("end", () => {
  consumer.disconnect();
  process.exit(0);
});
