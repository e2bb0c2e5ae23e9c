"""Operations: backups and restores of the database together with the uploaded files."""
