"""The pipeline stages after intake: classify, verify, decide the answer, process one message."""
