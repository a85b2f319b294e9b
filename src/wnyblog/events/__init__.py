"""The build, one Sphinx event at a time: a module per event, in the order
Sphinx emits them (see ``setup()`` in the package's ``__init__`` and
ARCHITECTURE.md). Each handler only sequences the stages' modules."""
