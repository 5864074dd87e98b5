import java.security.SecureRandom;
import java.util.Random;

class Tokens {
    String resetToken() {
        Random random = new Random();
        // ruleid: java.weak-random
        long token = random.nextLong();
        return Long.toHexString(token);
    }

    double jitter() {
        // ok: java.weak-random
        double delay = Math.random() * 100;
        return delay;
    }

    String sessionId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[32];
        // ok: java.weak-random
        random.nextBytes(bytes);
        return bytes.toString();
    }

    private Random nonceSource = new SecureRandom();

    String nonce() {
        byte[] bytes = new byte[16];
        // ok: java.weak-random
        nonceSource.nextBytes(bytes);
        return bytes.toString();
    }

    String otp() {
        // ruleid: java.weak-random
        int code = (int) (Math.random() * 1000000);
        return String.valueOf(code);
    }
}
