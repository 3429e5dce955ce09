"""Writers and readers, one module per format, looked up by name."""
