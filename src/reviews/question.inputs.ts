import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Payload } from '../core/errors/payload';
import { Answer } from './answer.entity';
import { Question } from './question.entity';
import { AnswerVoteValue } from './question.service';

registerEnumType(AnswerVoteValue, {
  name: 'AnswerVote',
  description: 'A vote on an answer.',
  valuesConfig: {
    UP: { description: 'The answer helps.' },
    DOWN: { description: 'The answer does not help, or is wrong.' },
    NONE: { description: 'Withdraws one’s vote.' },
  },
});

@InputType({ description: 'A question about a product.' })
export class AskQuestionInput {
  @Field(() => ID, { description: 'The product.' })
  productId: string;

  @Field({ description: 'The question, 3–1,000 characters.' })
  body: string;
}

@ObjectType({ description: 'The result of askQuestion.' })
export class AskQuestionPayload extends Payload {
  @Field(() => Question, { nullable: true, description: 'The question asked.' })
  question?: Question | null;
}

@InputType({ description: 'An answer to a product question; anyone signed in may answer.' })
export class AnswerQuestionInput {
  @Field(() => ID, { description: 'The question.' })
  questionId: string;

  @Field({ description: 'The answer, 1–2,000 characters.' })
  body: string;
}

@ObjectType({ description: 'The result of answerQuestion.' })
export class AnswerQuestionPayload extends Payload {
  @Field(() => Answer, { nullable: true, description: 'The answer given.' })
  answer?: Answer | null;
}

@InputType({ description: 'One’s vote on an answer (one per person; voting again changes it).' })
export class VoteOnAnswerInput {
  @Field(() => ID, { description: 'The answer; not one’s own.' })
  answerId: string;

  @Field(() => AnswerVoteValue, { description: 'UP, DOWN, or NONE to withdraw the vote.' })
  vote: AnswerVoteValue;
}

@ObjectType({ description: 'The result of voteOnAnswer.' })
export class VoteOnAnswerPayload extends Payload {
  @Field(() => Answer, { nullable: true, description: 'The answer with its score.' })
  answer?: Answer | null;
}
