"""History: a folder of sittings read once (read, cache) and built into each partnership's
story over time (build). Numbers only; the sentences are in `collabcheck.render`.
"""
