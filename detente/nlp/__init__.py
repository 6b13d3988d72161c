"""spaCy components of detente. Importing the submodules registers their factories."""
