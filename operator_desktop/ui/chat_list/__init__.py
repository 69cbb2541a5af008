"""The chat list: model, filter proxy, painted delegate and the widget around them."""
