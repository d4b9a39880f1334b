from membership.db import Base
from servicekit.outbox import OutboxMessageMixin


class OutboxMessage(OutboxMessageMixin, Base):
    """Work for after the commit: organisation events to subscribing services."""

    __tablename__ = "outbox_message"
