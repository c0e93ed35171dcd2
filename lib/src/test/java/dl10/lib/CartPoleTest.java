package dl10.lib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class CartPoleTest {

    /** Expected values computed by hand with Gym CartPole-v1's equations (Euler, tau 0.02). */
    @Test
    void dynamicsMatchGymEquations() {
        CartPole env = new CartPole(0);
        env.startFrom(new double[] {0.01, -0.02, 0.03, 0.04});
        CartPole.StepResult r = env.step(1);
        assertArrayEquals(new float[] {0.0096f, 0.17467919574755525f, 0.0308f, -0.2430687179600081f}, r.state(), 1e-7f);
        assertEquals(1.0, r.reward());
        assertFalse(r.terminated());
        assertFalse(r.truncated());
        assertArrayEquals(new float[] {0.013093583914951107f, -0.020868848948191993f, 0.025938625640799837f,
                0.0591679999394166f}, env.step(0).state(), 1e-7f);
        assertArrayEquals(new float[] {0.012676206935987267f, -0.21635292104612766f, 0.02712198563958817f,
                0.3599205713784138f}, env.step(0).state(), 1e-7f);
        assertEquals(3, env.steps());
    }

    @Test
    void alwaysPushingRightTopplesThePoleAfterNineSteps() {
        CartPole env = new CartPole(0);
        env.startFrom(new double[] {0, 0, 0, 0});
        CartPole.StepResult r = null;
        int n = 0;
        do {
            r = env.step(1);
            n++;
        } while (!r.done());
        assertEquals(9, n);
        assertTrue(r.terminated());
        assertFalse(r.truncated());
        assertEquals(-0.21518604988500967, r.state()[2], 1e-6);
        assertTrue(env.isOver());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(0));
        assertEquals("the episode ended after 9 steps; call reset() to start a new one", e.getMessage());
    }

    @Test
    void episodesAreTruncatedAfter500Steps() {
        CartPole env = new CartPole(3);
        env.startFrom(new double[] {0, 0, 0, 0});
        CartPole.StepResult r = null;
        for (int i = 0; i < 500; i++) {
            // a balancing controller: push towards where the pole falls
            float[] s = env.state();
            r = env.step(s[2] + 0.5 * s[3] + 0.01 * s[0] + 0.1 * s[1] > 0 ? 1 : 0);
            if (i < 499) {
                assertFalse(r.done(), "fell at step " + (i + 1));
            }
        }
        assertTrue(r.truncated());
        assertFalse(r.terminated());
        assertEquals(500, env.steps());
        assertEquals(CartPole.MAX_STEPS, env.steps());
    }

    @Test
    void resetIsSeededAndWithinBounds() {
        CartPole a = new CartPole(7);
        CartPole b = new CartPole(7);
        float[] s = a.reset();
        assertArrayEquals(s, b.reset());
        for (float v : s) {
            assertTrue(v >= -0.05f && v <= 0.05f, "start value " + v);
        }
        assertFalse(java.util.Arrays.equals(s, a.reset()), "next episode starts elsewhere");
        assertArrayEquals(new CartPole(99).reset(7), a.reset(7));
        assertEquals(0, a.steps());
        assertEquals(4, CartPole.STATE_SIZE);
        assertEquals(2, CartPole.ACTIONS);
        assertEquals(0.2094395, CartPole.THETA_LIMIT, 1e-6);
    }

    @Test
    void badActionAndStepBeforeResetAreExplained() {
        CartPole env = new CartPole(1);
        assertTrue(env.isOver());
        assertEquals("call reset() before the first step of an episode",
                assertThrows(IllegalStateException.class, () -> env.step(0)).getMessage());
        env.reset();
        assertEquals("CartPole action must be 0 (push left) or 1 (push right), got 2",
                assertThrows(IllegalArgumentException.class, () -> env.step(2)).getMessage());
        assertEquals("CartPole action must be 0 (push left) or 1 (push right), got -1",
                assertThrows(IllegalArgumentException.class, () -> env.step(-1)).getMessage());
    }

    @Test
    void renderDrawsTheScene() {
        CartPole env = new CartPole(1);
        env.reset();
        BufferedImage img = env.render();
        assertEquals(600, img.getWidth());
        assertEquals(400, img.getHeight());
        // the cart (black) sits at the centre of the track, 70 % down the picture
        int cart = img.getRGB(300 + Math.round(env.state()[0] * 125), 265) & 0xffffff;
        assertEquals(0x000000, cart);
        // the pole (brown) stands above the cart
        int pole = img.getRGB(300 + Math.round(env.state()[0] * 125), 200) & 0xffffff;
        assertEquals(0xca9865, pole);
        assertEquals(0xffffff, img.getRGB(5, 100) & 0xffffff);
    }
}
