"""The window shell: main window, sign-in dialog, status bar."""
