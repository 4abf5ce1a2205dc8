"""The test suite itself must not reach the network."""

import socket

import pytest
from pytest_socket import SocketConnectBlockedError


@pytest.mark.filterwarnings("ignore:A test tried to use socket")  # the warning is the point here
def test_non_loopback_connections_are_blocked():
    """A connection to a public address is refused before it leaves the machine."""
    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("203.0.113.1", 80), timeout=1)
