/**
 * How the course's objects appear in a notebook, the same under every Java kernel:
 * {@link dl10.lib.notebook.CourseRenderers} turns XChart charts and images into PNG and Tablesaw tables into
 * HTML, and names the imports the lessons rely on. Three adapters plug them in:
 * <ul>
 *   <li>{@link dl10.lib.notebook.CourseExtension} for the course kernel (its extension point,
 *       {@code dl10.kernel.api.NotebookExtension}, found with ServiceLoader);</li>
 *   <li>{@link dl10.lib.notebook.JJavaExtension} for JJava (its {@code org.dflib.jjava.jupyter.Extension},
 *       found with ServiceLoader in the jars of {@code JJAVA_CLASSPATH});</li>
 *   <li>{@link dl10.lib.notebook.IJavaSupport} for IJava, called from a startup script.</li>
 * </ul>
 * The kernels' APIs are compile-time only: each adapter is loaded only by its own kernel.
 */
package dl10.lib.notebook;
