"""claimcheck: check what is declared about AI models against Hub metadata and other articles.

Data flows registry -> evidence -> engine -> report; the CLI (`checker.cli`) is a thin shell over it.
"""

__version__ = "0.1.0"
