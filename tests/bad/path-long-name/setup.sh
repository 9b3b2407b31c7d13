# a 240-byte name: the file system takes it, the incremental writer's
# temporary file ("<name>.tmp-folio-<pid>") would not fit, so it is refused
printf 'x\n' > "static/$(printf 'n%.0s' $(seq 240))"
