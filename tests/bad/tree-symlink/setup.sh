ln -s la-cooperation-dans-l-action-publique.md books/lien.md
