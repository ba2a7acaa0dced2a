package dev.tollgate.packaging.probe;

/** A class for MergeLibraryJarsTest to put in a jar and load from the merged one, to read its package. */
public final class Probe {
}
