/**
 * Ask an expert: {@link dev.inflow.core.question.Questions} (questions, answers, votes, acceptance,
 * verification, similar questions, tags, the community-manager view) and
 * {@link dev.inflow.core.question.Experts} (who knows what). Configured with
 * {@link dev.inflow.core.question.QuestionSettings}.
 */
package dev.inflow.core.question;
