package dl10.lib;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * The cart-pole balancing task of Barto, Sutton and Anderson (1983), with the constants and Euler
 * integration of Gym's CartPole-v1: a pole hinged on a cart moving on a track; the agent pushes the
 * cart left (action 0) or right (action 1) with force 10 N every 0.02 s and gets reward 1 per step.
 * The episode terminates when the pole leans more than 12 degrees or the cart leaves the track
 * (|x| > 2.4), and is truncated after 500 steps. The state is (x, x_dot, theta, theta_dot); reset
 * draws it uniformly in [-0.05, 0.05] from a seeded Random.
 */
public final class CartPole {

    /** Gravity (m/s^2). */
    public static final double GRAVITY = 9.8;
    /** Cart mass (kg). */
    public static final double MASS_CART = 1.0;
    /** Pole mass (kg). */
    public static final double MASS_POLE = 0.1;
    /** Half the pole's length (m). */
    public static final double HALF_LENGTH = 0.5;
    /** Magnitude of the push (N). */
    public static final double FORCE = 10.0;
    /** Seconds between steps. */
    public static final double TAU = 0.02;
    /** Pole angle beyond which the episode terminates: 12 degrees in radians. */
    public static final double THETA_LIMIT = 12 * 2 * Math.PI / 360;
    /** Cart position beyond which the episode terminates. */
    public static final double X_LIMIT = 2.4;
    /** Steps after which the episode is truncated. */
    public static final int MAX_STEPS = 500;
    /** Size of the state vector. */
    public static final int STATE_SIZE = 4;
    /** Number of actions. */
    public static final int ACTIONS = 2;

    /** What one step returns: the new state, the reward, and whether the episode ended. */
    public record StepResult(float[] state, double reward, boolean terminated, boolean truncated) {

        /** True when the episode is over (terminated or truncated). */
        public boolean done() {
            return terminated || truncated;
        }
    }

    private Random random;
    private final double[] s = new double[4];
    private int steps;
    private boolean over = true;
    private boolean started;

    /** A cart-pole whose resets draw from a Random with this seed; call {@link #reset()} first. */
    public CartPole(long seed) {
        this.random = new Random(seed);
    }

    /** Starts an episode: the state is drawn uniformly in [-0.05, 0.05]; returns it. */
    public float[] reset() {
        for (int i = 0; i < 4; i++) {
            s[i] = -0.05 + 0.1 * random.nextDouble();
        }
        steps = 0;
        over = false;
        started = true;
        return state();
    }

    /** Re-seeds the Random, then starts an episode (same seed, same start state). */
    public float[] reset(long seed) {
        random = new Random(seed);
        return reset();
    }

    /** Starts an episode from a given state (x, x_dot, theta, theta_dot). */
    float[] startFrom(double[] state) {
        System.arraycopy(state, 0, s, 0, 4);
        steps = 0;
        over = false;
        started = true;
        return state();
    }

    /** Pushes the cart left (0) or right (1) for one time step. */
    public StepResult step(int action) {
        if (action != 0 && action != 1) {
            throw new IllegalArgumentException("CartPole action must be 0 (push left) or 1 (push right), got "
                    + action);
        }
        if (over) {
            throw new IllegalStateException(!started
                    ? "call reset() before the first step of an episode"
                    : "the episode ended after " + steps + " steps; call reset() to start a new one");
        }
        double x = s[0];
        double xDot = s[1];
        double theta = s[2];
        double thetaDot = s[3];
        double force = action == 1 ? FORCE : -FORCE;
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double totalMass = MASS_CART + MASS_POLE;
        double poleMassLength = MASS_POLE * HALF_LENGTH;
        double temp = (force + poleMassLength * thetaDot * thetaDot * sin) / totalMass;
        double thetaAcc = (GRAVITY * sin - cos * temp)
                / (HALF_LENGTH * (4.0 / 3.0 - MASS_POLE * cos * cos / totalMass));
        double xAcc = temp - poleMassLength * thetaAcc * cos / totalMass;
        s[0] = x + TAU * xDot;
        s[1] = xDot + TAU * xAcc;
        s[2] = theta + TAU * thetaDot;
        s[3] = thetaDot + TAU * thetaAcc;
        steps++;
        boolean terminated = s[0] < -X_LIMIT || s[0] > X_LIMIT || s[2] < -THETA_LIMIT || s[2] > THETA_LIMIT;
        boolean truncated = !terminated && steps >= MAX_STEPS;
        over = terminated || truncated;
        return new StepResult(state(), 1.0, terminated, truncated);
    }

    /** The current state (x, x_dot, theta, theta_dot) as floats. */
    public float[] state() {
        return new float[] {(float) s[0], (float) s[1], (float) s[2], (float) s[3]};
    }

    /** Steps taken in the current episode. */
    public int steps() {
        return steps;
    }

    /** True when the episode has ended (or none has started): {@link #reset()} is needed. */
    public boolean isOver() {
        return over;
    }

    /** A 600x400 picture of the track, the cart and the pole in the current state. */
    public BufferedImage render() {
        int width = 600;
        int height = 400;
        double scale = width / (2 * X_LIMIT);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double trackY = height * 0.7;
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(2f));
        g.drawLine(0, (int) trackY, width, (int) trackY);
        g.setColor(new Color(200, 60, 60));
        int limitL = (int) (width / 2.0 - X_LIMIT * scale);
        int limitR = (int) (width / 2.0 + X_LIMIT * scale) - 1;
        g.drawLine(limitL, (int) trackY - 8, limitL, (int) trackY + 8);
        g.drawLine(limitR, (int) trackY - 8, limitR, (int) trackY + 8);
        double cartW = 50;
        double cartH = 30;
        double cartX = width / 2.0 + s[0] * scale;
        double cartTop = trackY - cartH;
        g.setColor(Color.BLACK);
        g.fill(new Rectangle2D.Double(cartX - cartW / 2, cartTop, cartW, cartH));
        double poleLen = scale * 2 * HALF_LENGTH;
        AffineTransform saved = g.getTransform();
        g.translate(cartX, cartTop);
        g.rotate(s[2]);
        g.setColor(new Color(202, 152, 101));
        g.fill(new Rectangle2D.Double(-5, -poleLen, 10, poleLen));
        g.setTransform(saved);
        g.setColor(new Color(129, 132, 203));
        g.fill(new Ellipse2D.Double(cartX - 5, cartTop - 5, 10, 10));
        g.setColor(Color.DARK_GRAY);
        g.setFont(new java.awt.Font(Charts.FONT, java.awt.Font.PLAIN, 14));
        g.drawString(String.format(java.util.Locale.ROOT, "step %d   x %.2f   angle %.1f°", steps, s[0],
                Math.toDegrees(s[2])), 10, 24);
        g.dispose();
        return img;
    }
}
