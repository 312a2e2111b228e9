"""Labelled benchmark sets: synthetic, real, public."""
