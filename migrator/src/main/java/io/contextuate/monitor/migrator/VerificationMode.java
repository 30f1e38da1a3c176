package io.contextuate.monitor.migrator;

/** What a verification asks of the target, beyond holding every record of the source. */
public enum VerificationMode {

    /**
     * Every record of the source is in the target, equal; what the target holds beyond it (other machines' sessions,
     * events saved there since) is reported as information, not as a difference. The default: a merge passes.
     */
    CONTAINMENT,

    /** The target holds exactly the source's records: a session or event only the target holds is a difference. */
    EXACT
}
