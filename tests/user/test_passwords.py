from __future__ import annotations

from argon2 import PasswordHasher
from argon2.profiles import RFC_9106_LOW_MEMORY

from api.config import Settings, get_settings
from api.user.passwords import hash_password, verify_password


class TestProductionCost:
    def test_the_defaults_are_rfc_9106_low_memory_argon2id(self):
        # given the settings' declared defaults (the test run lowers them through the environment)
        fields = Settings.model_fields
        # when
        defaults = (
            fields["argon2_time_cost"].default,
            fields["argon2_memory_cost"].default,
            fields["argon2_parallelism"].default,
        )
        # then
        assert defaults == (
            RFC_9106_LOW_MEMORY.time_cost,
            RFC_9106_LOW_MEMORY.memory_cost,
            RFC_9106_LOW_MEMORY.parallelism,
        )
        assert defaults == (3, 65536, 4)

    def test_a_hash_at_the_defaults_is_argon2id_with_those_costs(self):
        # given
        hasher = PasswordHasher(
            time_cost=Settings.model_fields["argon2_time_cost"].default,
            memory_cost=Settings.model_fields["argon2_memory_cost"].default,
            parallelism=Settings.model_fields["argon2_parallelism"].default,
        )
        # when
        encoded = hasher.hash("correct-Horse-42-battery")
        # then
        assert encoded.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


class TestHashing:
    def test_the_configured_costs_are_the_ones_used(self):
        # given the test run's cheap costs
        settings = get_settings()
        # when
        encoded = hash_password("correct-Horse-42-battery")
        # then
        assert encoded.startswith(
            f"$argon2id$v=19$m={settings.argon2_memory_cost},t={settings.argon2_time_cost},p={settings.argon2_parallelism}$"
        )

    def test_the_right_password_verifies_and_a_wrong_one_does_not(self):
        # given
        encoded = hash_password("correct-Horse-42-battery")
        # then
        assert verify_password(encoded, "correct-Horse-42-battery")
        assert not verify_password(encoded, "correct-Horse-42-batterx")

    def test_an_unknown_user_never_verifies(self):
        # given no stored hash (the dummy hash keeps the time equal)
        # then
        assert not verify_password(None, "timing-equaliser-not-a-password")
