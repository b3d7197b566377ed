"""Tests of the indicators app: themes, indicators, observations, periods, derivation, the observation import."""
