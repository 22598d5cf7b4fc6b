package org.careid.device.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.careid.device.AuthenticationRequest;
import org.careid.device.CareIdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BurstFramesTest {
    @TempDir
    Path dir;

    private static byte[] jpeg(Color colour) throws Exception {
        BufferedImage img = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                img.setRGB(x, y, colour.getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    @Test
    void anMjpegStreamSplitsIntoItsFramesAndFromCountChooseThem() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            stream.write(jpeg(new Color(40 * i, 0, 0)));
        }
        Path video = Files.write(dir.resolve("clip.mjpeg"), stream.toByteArray());
        List<AuthenticationRequest.Image> frames = BurstFrames.read(video, 1, 3);
        assertEquals(3, frames.size());
        assertEquals("image/jpeg", frames.get(0).contentType());
        BufferedImage second = ImageIO.read(new ByteArrayInputStream(frames.get(0).content()));
        assertEquals(32, second.getWidth());
        assertEquals(5, BurstFrames.read(video, 0, 0).size());
        assertThrows(CareIdException.class, () -> BurstFrames.read(video, 5, 1));
    }

    @Test
    void aY4mVideoIsConvertedFrameByFrameAndAFolderIsReadInNameOrder() throws Exception {
        int w = 16;
        int h = 8;
        ByteArrayOutputStream y4m = new ByteArrayOutputStream();
        y4m.write(("YUV4MPEG2 W" + w + " H" + h + " F10:1 Ip A1:1 C420jpeg\n").getBytes());
        for (int f = 0; f < 3; f++) {
            y4m.write("FRAME\n".getBytes());
            byte[] planes = new byte[w * h * 3 / 2];
            java.util.Arrays.fill(planes, 0, w * h, (byte) 200);          // bright luma
            java.util.Arrays.fill(planes, w * h, planes.length, (byte) 128); // no colour
            y4m.write(planes);
        }
        Path video = Files.write(dir.resolve("still.y4m"), y4m.toByteArray());
        List<AuthenticationRequest.Image> frames = BurstFrames.read(video, 0, 0);
        assertEquals(3, frames.size());
        BufferedImage first = ImageIO.read(new ByteArrayInputStream(frames.get(0).content()));
        assertEquals(w, first.getWidth());
        int grey = first.getRGB(4, 4) & 0xff;
        assertEquals(217, grey, 6); // Y 200 limited range -> about 217 full range

        Path folder = Files.createDirectories(dir.resolve("frames"));
        Files.write(folder.resolve("b.jpg"), jpeg(Color.BLUE));
        Files.write(folder.resolve("a.jpg"), jpeg(Color.RED));
        Files.writeString(folder.resolve("notes.txt"), "not a frame");
        List<AuthenticationRequest.Image> fromFolder = BurstFrames.read(folder, 0, 0);
        assertEquals(2, fromFolder.size());
        BufferedImage a = ImageIO.read(new ByteArrayInputStream(fromFolder.get(0).content()));
        assertEquals(true, ((a.getRGB(5, 5) >> 16) & 0xff) > 200, "red frame (a.jpg) first");
    }
}
