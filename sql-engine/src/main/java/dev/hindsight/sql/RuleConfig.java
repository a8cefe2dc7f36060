package dev.hindsight.sql;

import java.util.function.Function;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * The configuration of a {@link RelRule} with no settings of its own: its operands, its description (the name plans
 * and planner traces show), the builder factory, and how to make the rule from all three. Immutable: each
 * {@code with…} returns a changed copy, so a configuration can be shared and derived from as Calcite's are.
 *
 * <p>Design note: Calcite's rules each declare a {@code Config} interface and have the Immutables annotation processor
 * write its implementation; Calcite 1.42 offers no hand-usable one ({@code RelRule.Config.EMPTY} and the proxy beans
 * behind it are gone). The log tables' rules have no knobs beyond what {@link RelRule.Config} already holds, so this
 * one record serves them all, carrying the rule's constructor the way {@link ConverterRule.Config#withRuleFactory}
 * does — instead of a build-time code generator, or the same three {@code with…} methods written out for each rule.
 *
 * @param ruleFactory       makes the rule from this configuration, usually its constructor
 * @param relBuilderFactory the factory of the {@code RelBuilder} a rule call offers
 * @param description       the rule's name, unique within a planner; {@code null} until set
 * @param operandSupplier   the tree of operands the rule matches
 * @param <R> the rule this configuration makes
 */
record RuleConfig<R extends RelOptRule>(Function<RuleConfig<R>, R> ruleFactory, RelBuilderFactory relBuilderFactory,
                                        String description, RelRule.OperandTransform operandSupplier)
    implements RelRule.Config {

    /** The configuration of the rules {@code ruleFactory} makes, as yet without operands or a description. */
    static <R extends RelOptRule> RuleConfig<R> of(Function<RuleConfig<R>, R> ruleFactory) {
        return new RuleConfig<>(ruleFactory, RelFactories.LOGICAL_BUILDER, null, b -> {
            throw new IllegalArgumentException("a rule needs operands: call withOperandSupplier");
        });
    }

    @Override
    public R toRule() {
        return ruleFactory.apply(this);
    }

    @Override
    public RuleConfig<R> withRelBuilderFactory(RelBuilderFactory factory) {
        return new RuleConfig<>(ruleFactory, factory, description, operandSupplier);
    }

    @Override
    public RuleConfig<R> withDescription(String newDescription) {
        return new RuleConfig<>(ruleFactory, relBuilderFactory, newDescription, operandSupplier);
    }

    @Override
    public RuleConfig<R> withOperandSupplier(RelRule.OperandTransform transform) {
        return new RuleConfig<>(ruleFactory, relBuilderFactory, description, transform);
    }
}
