"""newsgraph: a sourced picture of a situation from a pile of news articles."""
__version__ = "0.1.0"
