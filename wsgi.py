from vae import create_app

app = create_app()
