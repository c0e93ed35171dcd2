/**
 * The course library: what the lessons would otherwise repeat, so that each lesson's model stays in
 * plain sight. Lessons import it with {@code import dl10.lib.*;} (the kernels' extensions add that import
 * as well). Its classes by job:
 *
 * <h2>Data</h2>
 * <ul>
 *   <li>{@link dl10.lib.DataDir} finds the course's {@code data/} folder; {@link dl10.lib.Datasets} reads every
 *       dataset in it (Iris, the MNIST and Fashion-MNIST subsets, Moby Dick, Zachary's karate
 *       club, airline passengers); {@link dl10.lib.IdxFile} reads the IDX files of MNIST.</li>
 *   <li>Containers: {@link dl10.lib.ImageSet} (labelled grey images, with {@link dl10.lib.Part} for the fixed
 *       train/test parts), {@link dl10.lib.Graph} (a labelled graph and its normalised adjacency),
 *       {@link dl10.lib.SeriesWindows} (a time series cut into forecasting windows).</li>
 *   <li>Preparation: {@link dl10.lib.Tables} (Tablesaw columns to arrays), {@link dl10.lib.Splits} and
 *       {@link dl10.lib.TrainTestSplit} (stratified, seeded splits), {@link dl10.lib.Standardizer}
 *       (z-scores fitted on the training rows), {@link dl10.lib.Tokenizer},
 *       {@link dl10.lib.CharVocabulary} and {@link dl10.lib.WordVocabulary} (text to indices).</li>
 * </ul>
 *
 * <h2>Training</h2>
 * <ul>
 *   <li>{@link dl10.lib.Compute}: device and seeds, so runs are reproducible.</li>
 *   <li>{@link dl10.lib.TrainingLoop} runs the lesson's {@link dl10.lib.BatchStep} over
 *       {@link dl10.lib.MiniBatch}es cut by {@link dl10.lib.Batches}, records a
 *       {@link dl10.lib.TrainingHistory}, and stops with {@link dl10.lib.LossNotFiniteException} or
 *       {@link dl10.lib.TrainingInterruptedException}.</li>
 *   <li>{@link dl10.lib.MeanSquaredError}: a regression loss whose gradients survive garbage collection
 *       (see its Javadoc); {@link dl10.lib.Metrics}: accuracy, confusion matrix, argmax.</li>
 *   <li>{@link dl10.lib.WeightAverage}: an exponential moving average of a network's weights in a second
 *       network, the copy generative models sample from.</li>
 *   <li>{@link dl10.lib.Results}: a lesson's final numbers and the checks that prove them, collected by the
 *       headless runner.</li>
 * </ul>
 *
 * <h2>Charts and display</h2>
 * <ul>
 *   <li>{@link dl10.lib.Charts}: training histories, lines, scatters, bars (XChart), image grids and
 *       heatmaps, all readable at one size.</li>
 *   <li>{@link dl10.lib.LiveProgress}: the training loop's chart, replaced in place while it trains;
 *       {@link dl10.lib.NotebookDisplay} reaches the running kernel's {@code display} (the course kernel,
 *       IJava or JJava) or prints text.</li>
 *   <li>Package {@link dl10.lib.notebook}: how charts, tables and images render in each kernel, and the
 *       adapters that plug them in.</li>
 * </ul>
 *
 * <h2>Environments</h2>
 * <ul>
 *   <li>{@link dl10.lib.CartPole}: Gym's CartPole-v1 dynamics for the reinforcement-learning lesson.</li>
 * </ul>
 *
 * <p>The library logs through slf4j-api only; the binding (slf4j-simple) belongs to the kernel and the
 * runner that run it.
 */
package dl10.lib;
