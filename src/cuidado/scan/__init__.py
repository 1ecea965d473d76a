"""A scan: each input through its importer and the detectors into the store; big ones in workers."""
