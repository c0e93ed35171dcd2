package dl10.lib;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class DataDirTest {
    @TempDir
    Path temp;

    @AfterEach
    void clearProperty() {
        System.clearProperty(DataDir.PROPERTY);
    }

    @Test
    void rootIsFoundByWalkingUpFromTheModuleFolder() {
        Path root = DataDir.root();
        assertEquals("data", root.getFileName().toString());
        assertTrue(Files.isRegularFile(root.resolve("README.md")));
        assertTrue(Files.isRegularFile(root.resolve("iris.csv")));
    }

    @Test
    void walkingUpFindsDataFromInsideItsSubfolderAndFromASiblingFolder() throws Exception {
        Path data = Files.createDirectories(temp.resolve("course/data/mnist"));
        Files.writeString(data.getParent().resolve("README.md"), "x");
        Path notebooks = Files.createDirectories(temp.resolve("course/notebooks"));
        assertEquals(data.getParent(), DataDir.locate(null, null, notebooks).rootOrThrow());
        assertEquals(data.getParent(), DataDir.locate(null, null, data).rootOrThrow());
    }

    @Test
    void fileReturnsAnExistingFile() {
        Path f = DataDir.file("mnist/t10k-labels-idx1-ubyte.gz");
        assertTrue(Files.isRegularFile(f));
    }

    @Test
    void missingFileNamesFullPathWhereItLookedAndWhatToDo() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        System.setProperty(DataDir.PROPERTY, data.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataDir.file("iris.csv"));
        assertTrue(e.getMessage().contains(data.resolve("iris.csv").toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("system property dl10.data=" + data), e.getMessage());
        assertTrue(e.getMessage().contains("git checkout -- data/iris.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("DL10_DATA"), e.getMessage());
    }

    @Test
    void propertyNamingAMissingFolderIsReported() {
        Path nowhere = temp.resolve("nowhere");
        System.setProperty(DataDir.PROPERTY, nowhere.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, DataDir::root);
        assertTrue(e.getMessage().contains(nowhere.toAbsolutePath() + " does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("dl10.data"), e.getMessage());
    }

    @Test
    void environmentVariableIsUsedWhenNoPropertyIsSet() throws Exception {
        Path data = Files.createDirectories(temp.resolve("elsewhere"));
        assertEquals(data, DataDir.locate(null, data.toString(), temp).rootOrThrow());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DataDir.locate(null, temp.resolve("gone").toString(), temp).rootOrThrow());
        assertTrue(e.getMessage().contains("environment variable DL10_DATA"), e.getMessage());
    }

    @Test
    void propertyWinsOverEnvironment() throws Exception {
        Path a = Files.createDirectories(temp.resolve("a"));
        Path b = Files.createDirectories(temp.resolve("b"));
        assertEquals(a, DataDir.locate(a.toString(), b.toString(), temp).rootOrThrow());
    }

    @Test
    void noDataFolderAnywhereListsTheWalkedFolders() throws Exception {
        Path start = Files.createDirectories(temp.resolve("x/y"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataDir.locate(null, null, start).rootOrThrow());
        assertTrue(e.getMessage().contains("walked up from " + start.toAbsolutePath()), e.getMessage());
        assertTrue(e.getMessage().contains(temp.resolve("x").toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("DL10_DATA"), e.getMessage());
    }

    @Test
    void blankRelativePathIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataDir.file(" "));
        assertTrue(e.getMessage().contains("relative to data/"), e.getMessage());
    }
}
