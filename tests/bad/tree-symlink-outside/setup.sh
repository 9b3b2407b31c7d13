ln -s /etc/passwd static/passwd
