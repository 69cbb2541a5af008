"""The conversation pane: messages model and delegate, header actions, composer."""
