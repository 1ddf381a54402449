/** What the relational store promises about durability, and how the embedded store keeps it cheaply. */
package dev.descent.store;
