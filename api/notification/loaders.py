from __future__ import annotations

from api.graphql.loader import by_id_loader
from api.models import Delivery, Notification

NotificationByIdLoader = by_id_loader(Notification)
DeliveryByIdLoader = by_id_loader(Delivery)
