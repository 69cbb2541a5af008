"""The Qt composition root: builds the window and wires services into it."""
