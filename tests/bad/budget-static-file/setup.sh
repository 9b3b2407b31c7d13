# 33 MiB of zeros: a few KB once packed, refused from the blob's size
# before anything reads it (the issue: 287 KiB packed, 900 MB written)
head -c $((33 << 20)) /dev/zero > static/zeros.bin
