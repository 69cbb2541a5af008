"""Qt-free domain types and coded errors shared by the client layers."""
