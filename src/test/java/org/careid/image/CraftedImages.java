package org.careid.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * Files built byte by byte: headers that declare any size over almost no data (decompression bombs),
 * and an EXIF orientation inserted into a JPEG. Nothing here is a real picture.
 */
final class CraftedImages {
    private CraftedImages() {
    }

    /** PNG signature, an RGB IHDR declaring the size, a tiny IDAT and IEND: a complete file over ~60 bytes. */
    static byte[] png(int width, int height) {
        return png(width, height, 8, 2);
    }

    /** As {@link #png(int, int)} with a bit depth and PNG colour type (0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA). */
    static byte[] png(int width, int height, int bitDepth, int colourType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
        byte[] ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth).put((byte) colourType).array();
        chunk(out, "IHDR", ihdr);
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** Only the signature and the IHDR chunk: the rest of the file is missing. */
    static byte[] pngHeaderOnly(int width, int height) {
        byte[] whole = png(width, height);
        return java.util.Arrays.copyOf(whole, 8 + 25);
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes();
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** BITMAPINFOHEADER, 24-bit, uncompressed, with 16 bytes of pixel data. */
    static byte[] bmp(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(54 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(70).putInt(0).putInt(54);
        b.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24).putInt(0).putInt(0)
                .putInt(2835).putInt(2835).putInt(0).putInt(0);
        return b.array();
    }

    /** Little-endian TIFF, one 8-bit grey strip of 16 bytes whatever the declared size. */
    static byte[] tiff(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + 8 * 12 + 4 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) 8);
        entry(b, 256, 4, width);       // ImageWidth
        entry(b, 257, 4, height);      // ImageLength
        entry(b, 258, 3, 8);           // BitsPerSample
        entry(b, 259, 3, 1);           // Compression none
        entry(b, 262, 3, 1);           // BlackIsZero
        entry(b, 273, 4, 118);         // StripOffsets
        entry(b, 278, 4, height);      // RowsPerStrip
        entry(b, 279, 4, 16);          // StripByteCounts
        b.putInt(0);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    /** SOI, a baseline frame header (three components) and EOI: no tables, no scan. */
    static byte[] jpeg(int width, int height) {
        return ByteBuffer.allocate(2 + 2 + 17 + 2).put(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xc0})
                .putShort((short) 17).put((byte) 8).putShort((short) height).putShort((short) width).put((byte) 3)
                .put(new byte[] {1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1}).put(new byte[] {(byte) 0xff, (byte) 0xd9}).array();
    }

    /** SOI, a comment segment, then the frame header (SOF): length, black, white, height, width, ... */
    static byte[] wsq(int width, int height) {
        return ByteBuffer.allocate(2 + 8 + 2 + 19).put(new byte[] {(byte) 0xff, (byte) 0xa0})
                .put(new byte[] {(byte) 0xff, (byte) 0xa8}).putShort((short) 6).put("test".getBytes())
                .put(new byte[] {(byte) 0xff, (byte) 0xa2}).putShort((short) 19).put((byte) 0).put((byte) 255)
                .putShort((short) height).putShort((short) width).put(new byte[11]).array();
    }

    /** RIFF/WEBP with one VP8X chunk declaring the size (24 bits a side) and nothing to decode. */
    static byte[] webpExtended(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + 10).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(4 + 8 + 10).put("WEBP".getBytes());
        b.put("VP8X".getBytes()).putInt(10).putInt(0);
        put24(b, width - 1);
        put24(b, height - 1);
        return b.array();
    }

    /** The twelve bytes {@code RIFF....WEBP}: the magic and nothing else. */
    static byte[] webpMagicOnly() {
        return "RIFF....WEBP".getBytes();
    }

    private static void put24(ByteBuffer b, int v) {
        b.put((byte) v).put((byte) (v >>> 8)).put((byte) (v >>> 16));
    }

    /** Inserts an APP1 Exif segment (big-endian TIFF, IFD0 with one Orientation entry) after SOI. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {
            'M', 'M', 0, 42, 0, 0, 0, 8, // header, IFD0 at offset 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, count 1
            0, 0, 0, 0 // no next IFD
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe1});
        int len = 2 + 6 + tiff.length;
        out.write(len >>> 8);
        out.write(len & 0xff);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
