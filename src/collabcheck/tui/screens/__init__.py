"""One screen per step of a sitting; each dismisses with a typed result the app acts on."""
