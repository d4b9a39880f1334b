from enum import StrEnum


class EmploymentForm(StrEnum):
    COURIER = "courier"
    DELIVERY_RIDER = "delivery_rider"
    DOMESTIC_WORKER = "domestic_worker"
    EMPLOYEE = "employee"
    OTHER_NEW_FORM = "other_new_form"
    RIDE_HAILING_DRIVER = "ride_hailing_driver"
    TRUCK_DRIVER = "truck_driver"

    def __str__(self) -> str:
        return str(self.value)
