package org.careid.device.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** What every command shares: the global options of {@link DeviceCli}, turned into a {@link DeviceContext}. */
abstract class DeviceCommand implements Callable<Integer> {
    @ParentCommand
    DeviceCli parent;
    @Spec
    CommandSpec spec;

    DeviceContext context() {
        return parent.context(spec);
    }
}
