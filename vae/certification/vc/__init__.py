"""Verifiable-credential building blocks that never touch the database.

Open Badges 3.0 documents, Data Integrity proofs (eddsa-rdfc-2022), did:web, keys,
Bitstring Status Lists, badge baking and the shipped JSON-LD contexts. The modules one
level up (credentials, signing, statuses, operations) join them to the models.
"""
