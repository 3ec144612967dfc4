package dev.paddock.worker.nativelib;

/** This operating system or processor has no llama.cpp build in Paddock. */
public class UnsupportedPlatformException extends UnsupportedOperationException {
    public UnsupportedPlatformException(String message) {
        super(message);
    }
}
