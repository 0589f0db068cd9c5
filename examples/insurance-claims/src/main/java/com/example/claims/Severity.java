package com.example.claims;

/** How serious a claim is, which decides who handles it. */
public enum Severity { LOW, MEDIUM, HIGH }
