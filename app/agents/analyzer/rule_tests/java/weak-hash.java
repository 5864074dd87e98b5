import java.security.MessageDigest;

class Hashes {
    byte[] md5(String password) throws Exception {
        // ruleid: java.weak-hash
        MessageDigest md = MessageDigest.getInstance("MD5");
        // ruleid: java.weak-hash
        MessageDigest sha = MessageDigest.getInstance("SHA-1");
        // ok: java.weak-hash
        MessageDigest good = MessageDigest.getInstance("SHA-256");
        return good.digest(password.getBytes());
    }
}
