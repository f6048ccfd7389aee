import secrets

# No 0/O, 1/I/L: a pseudonym is read aloud and typed over.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_pseudonym() -> str:
    return "J-" + "".join(secrets.choice(ALPHABET) for _ in range(4))
