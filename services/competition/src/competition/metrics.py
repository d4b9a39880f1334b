"""Competition's own metrics, read when /metrics is scraped by its web and worker processes
alike: the honours on their way to membership (its outbox)."""

from competition.models import OutboxMessage
from servicekit.telemetry import ScrapeReading, outbox_reading

READINGS: list[ScrapeReading] = [outbox_reading(OutboxMessage)]
