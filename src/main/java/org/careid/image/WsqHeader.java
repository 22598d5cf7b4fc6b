package org.careid.image;

/**
 * Reads the frame header of a WSQ file (FBI IAFIS-IC-0110), the fingerprint format that
 * metadata-extractor does not know: start-of-image, then marker segments each with a 16-bit length,
 * until the frame header (SOF) holding black, white, height and width. WSQ is always 8-bit grey.
 */
final class WsqHeader {
    static final int SOF = 0xffa2;
    static final int SOB = 0xffa3;
    static final int EOI = 0xffa1;

    private WsqHeader() {
    }

    static ImageHeader read(byte[] b) {
        int sof = frameOffset(b);
        if (sof + 10 > b.length) {
            throw CorruptImageException.truncated("WSQ frame header is truncated");
        }
        return new ImageHeader(ImageFormat.WSQ, u16(b, sof + 8), u16(b, sof + 6), 1, 8, 1);
    }

    /** Offset of the SOF marker. */
    static int frameOffset(byte[] b) {
        int position = 2;
        while (position + 4 <= b.length) {
            int marker = u16(b, position);
            if ((marker & 0xff00) != 0xff00 || marker == SOB || marker == EOI) {
                throw CorruptImageException.corrupt("WSQ has no frame header before its data");
            }
            if (marker == SOF) {
                return position;
            }
            int length = u16(b, position + 2);
            if (length < 2) {
                throw CorruptImageException.corrupt("WSQ segment length invalid");
            }
            position += 2 + length;
        }
        throw CorruptImageException.truncated("WSQ ends before its frame header");
    }

    static int u16(byte[] b, int offset) {
        return ((b[offset] & 0xff) << 8) | (b[offset + 1] & 0xff);
    }
}
