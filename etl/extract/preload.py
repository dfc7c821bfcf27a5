"""Importing this module loads and checks every language's knowledge files.

The workers' fork server imports it (`etl.workers.PRELOAD`), so that the extraction processes
it forks share the loaded files instead of each reading and checking them again.
"""
from etl.extract.lexicon import load_all

load_all()
