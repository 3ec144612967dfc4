package dev.paddock.eval.run;

/** The endpoint does not provide what a scorer needs; the run fails with this reason instead of scoring. */
public class ContractViolation extends RuntimeException {

    public ContractViolation(String message) {
        super(message);
    }
}
