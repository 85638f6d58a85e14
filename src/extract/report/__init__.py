"""The results to look at: an HTML report of an output folder (`extract report`) and a terminal view
of one document (`extract show`)."""
