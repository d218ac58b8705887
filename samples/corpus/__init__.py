"""Generated test corpora: enclave-contract documents with their ground truth."""
