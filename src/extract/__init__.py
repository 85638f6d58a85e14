"""extract: news articles to normalised tables of dated events, people, organisations and money."""

__version__ = "0.1.0"
